// Options every command shares.
import { Option } from 'commander';

export const dbOption = () =>
  new Option('--db <url>', 'database: sqlite:PATH or postgres://… (default: GONGSHU_DB or sqlite:./data/gongshu.db)');
export const dataDirOption = () =>
  new Option('--data-dir <dir>', 'data directory: keys, stored files, the default SQLite database (default: GONGSHU_DATA_DIR or ./data)');
