// The ingest benchmark's reference: the same population CSV loaded by DuckDB (`read_csv` + SQL) with the
// same cleansing and the same checks as the resource's default rule set, the accepted records written
// into a keyed DuckDB table and the findings into a problem table, all in one transaction. It answers
// "how far is our pipeline from a columnar engine doing the same work on the same two cores", so the
// SQL mirrors the rules closely enough that both must reach the same counts (the benchmark compares
// them and says so when they differ).
import { DuckDBInstance } from '@duckdb/node-api';
import { CODE_TABLES } from '../../src/governance/rules/index.js';

export interface DuckdbIngestOptions {
  csvPath: string;
  /** A DuckDB database file (created); ':memory:' keeps everything in memory. */
  dbPath: string;
  /** YYYY-MM-DD in Asia/Shanghai: birth dates after it are in the future. */
  today: string;
  /** Element codes of the file's columns, in file order (the header row is skipped). */
  columns: readonly string[];
  /** DuckDB worker threads; its default is one per core. */
  threads?: number;
}

export interface DuckdbIngestResult {
  version: string;
  threads: number;
  records: number;
  applied: number;
  rejected: number;
  warned: number;
  duplicates: number;
  /** Records per rule id (`kind:element`, `duplicate_record`, `duplicate_key`), as the batch summary counts them. */
  problemsByRule: Record<string, number>;
  seconds: number;
  /** CPU seconds of this process during the load (DuckDB's worker threads included). */
  cpuSeconds: number;
  /** Wall seconds of each step, in order. */
  phases: Record<string, number>;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
];
// the characters trimText treats as space, and the null tokens of the default cleansing (case-insensitive)
const SPACES =
  ' \t\n\v\f\r\u00a0\u3000\ufeff\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f';
const NULL_TOKENS = ['空', '无', 'null', 'n/a', '-', '/'];
const FULL_WIDTH = Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, i) => String.fromCharCode(0xff01 + i)).join('') + '\u3000';
const HALF_WIDTH = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('') + ' ';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const col = (code: string) => `"${code.replace(/"/g, '""')}"`;

/**
 * trim → full_to_half → null_tokens, the start of every element's default cleansing chain, over `raw`.
 * As in our cleansing, only the values that need a repair pay for it: translate() with the whole table
 * costs ~20 µs a value in DuckDB 1.5 and trim() with 25 characters ~3 µs, so a cheap test comes first —
 * a space at either end, one regular expression over the whole record for full width.
 */
function basics(columns: readonly string[]): string {
  const trimmed = columns.map(
    (c) =>
      `case when regexp_matches(${col(c)}, '^[${SPACES}]|[${SPACES}]$') then trim(${col(c)}, ${lit(SPACES)}) else ${col(c)} end as ${col(c)}`,
  );
  const anyFullWidth = `regexp_matches(concat(${columns.map(col).join(', ')}), '[\uff01-\uff5e\u3000]') as full_width`;
  const half = columns.map(
    (c) => `case when full_width then translate(${col(c)}, ${lit(FULL_WIDTH)}, ${lit(HALF_WIDTH)}) else ${col(c)} end as ${col(c)}`,
  );
  const tokens = `[${NULL_TOKENS.map(lit).join(', ')}]`;
  // the longest null token is 4 bytes: longer values need no lower()
  const nulled = columns.map(
    (c) =>
      `case when ${col(c)} = '' then null when strlen(${col(c)}) > 4 then ${col(c)} when list_contains(${tokens}, lower(${col(c)})) then null else ${col(c)} end as ${col(c)}`,
  );
  return `select record_no, ${nulled.join(', ')} from (select record_no, ${half.join(', ')} from (select record_no, ${trimmed.join(', ')}, ${anyFullWidth} from raw))`;
}

/** code or alias (lower-case) → code, as the code-table cleansing step looks values up. */
function codeLookupRows(table: string): string {
  const t = CODE_TABLES[table]!;
  const pairs = new Map<string, string>();
  for (const [alias, code] of Object.entries(t.aliases)) pairs.set(alias.toLowerCase(), code);
  for (const code of Object.keys(t.codes)) pairs.set(code, code);
  return [...pairs].map(([alias, code]) => `(${lit(alias)}, ${lit(code)})`).join(', ');
}

const MOBILE = `1[3-9][0-9]{9}`;
const LANDLINE = `0[12][0-9]-[1-9][0-9]{6,7}|0[03-9][0-9]{2}-[1-9][0-9]{6,7}`;
const CANONICAL_PHONE = `${MOBILE}|${LANDLINE}`;

/**
 * The phone cleansing step as successive columns over `phone` (already trimmed): a canonical number stays;
 * one written with +86/0086/86, spaces, hyphens, dots or parentheses becomes canonical; anything else
 * stays as written for the phone rule to judge. Each stage is a CTE layer that adds one column.
 */
const PHONE_STAGES = [
  `regexp_replace(phone, '[^0-9]', '', 'g') as p_digits, starts_with(phone, '+') as p_plus`,
  `case when starts_with(p_digits, '0086') then substr(p_digits, 5)
     when starts_with(p_digits, '86') and (p_plus or length(p_digits) >= 12) then substr(p_digits, 3)
     when p_plus then null else p_digits end as p_national,
   p_plus or starts_with(p_digits, '0086') or starts_with(p_digits, '86') and length(p_digits) >= 12 as p_international`,
  `case when p_international and left(p_national, 1) not in ('0', '1') then '0' || p_national else p_national end as p_zero`,
  `case when left(p_zero, 1) = '1' then p_zero
     when left(p_zero, 1) = '0' and substr(p_zero, 2, 1) in ('1', '2') then left(p_zero, 3) || '-' || substr(p_zero, 4)
     when left(p_zero, 1) = '0' then left(p_zero, 4) || '-' || substr(p_zero, 5) end as p_shaped`,
];
const PHONE_CLEANSED = `case when phone is null or regexp_full_match(phone, '${CANONICAL_PHONE}') then phone
    when regexp_full_match(phone, '\\+?[0-9 ().\\t-]+') and regexp_full_match(p_shaped, '${CANONICAL_PHONE}') then p_shaped
    else phone end`;

/** Whether a spreadsheet would run the value as a formula (the formula rule); anchored, so most values fail at once. */
function formula(v: string): string {
  return `regexp_matches(${v}, '^([=@].|[+-].*[^0-9: (),./-])')`;
}

/** A length rule in code points; a value of at most `max` bytes cannot have more code points. */
const longer = (v: string, max: number) => `strlen(${v}) > ${max} and length(${v}) > ${max}`;

/**
 * Columns the checks share, computed once per record over `cleansed`: the birth date as written, the
 * ID number's shape, its birth date, and its weighted digit sum (integer arithmetic on the first 17
 * digits, which DuckDB vectorises, instead of 17 substrings).
 */
function idColumns(id: string): string {
  const first17 = `try_cast(left(${id}, 17) as bigint)`;
  const sum = WEIGHTS.map((w, i) => `(id17 // ${10n ** BigInt(16 - i)}) % 10 * ${w}`).join(' + ');
  return `select *, case when id_shape = 18 then (${sum}) % 11 end as id_sum from (
      select *, case when id_shape = 18 then ${first17} end as id17,
        case when id_shape = 18 then try_strptime(substr(${id}, 7, 8), '%Y%m%d')::date
             when id_shape = 15 then try_strptime('19' || substr(${id}, 7, 6), '%Y%m%d')::date end as id_birth
      from (select *, case when strlen(${id}) = 18 and regexp_full_match(${id}, '[0-9]{17}[0-9X]') then 18
                           when strlen(${id}) = 15 and regexp_full_match(${id}, '[0-9]{15}') then 15 else 0 end as id_shape,
                      coalesce(try_strptime(birth_date, '%Y-%m-%d'), try_strptime(birth_date, '%Y/%m/%d'),
                               try_strptime(birth_date, '%Y%m%d'), try_strptime(birth_date, '%Y年%m月%d日'))::date as birth
            from cleansed))`;
}

/** GB 11643: the first problem of a canonical ID number, as idNumberProblem finds it, or null. */
function idProblem(id: string, today: string): string {
  return `case
      when id_shape = 0 then 'format'
      when try_cast(left(${id}, 2) as integer) not in (${PROVINCES.join(', ')}) then 'region'
      when id_birth is null or year(id_birth) < 1850 then 'birth_date'
      when id_birth > date ${lit(today)} then 'future_birth'
      when id_shape = 18 and substr('10X98765432', id_sum + 1, 1) <> right(${id}, 1) then 'check_digit'
      else null end`;
}

/** The SQL of each step; `columns` are the file's element codes in file order. */
export function referenceSql(opts: Pick<DuckdbIngestOptions, 'csvPath' | 'today' | 'columns'>): { name: string; sql: string }[] {
  const today = opts.today;
  const csvColumns = `{${opts.columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}`;
  const strings = ['name', 'sex', 'id_number', 'phone', 'household_address', 'ethnicity', 'residence_address'];
  // one boolean per rule, named by its rule id; error rules reject, the phone rule warns
  const errorRules: [string, string][] = [
    ['required:name', 'name is null'],
    ['length:name', longer('name', 50)],
    ['required:sex', 'sex is null'],
    ['code_table:sex', `sex is not null and sex not in ('0', '1', '2', '9')`],
    ['required:id_number', 'id_number is null'],
    ['id_number:id_number', 'id_problem is not null'],
    [
      'id_consistency:id_number',
      `id_problem is null and (birth is not null and birth <> id_birth
        or sex in ('1', '2') and (sex = '1') <> (ascii(substr(id_number, id_shape - 1, 1)) % 2 = 1))`,
    ],
    ['required:birth_date', 'birth_date is null'],
    ['date:birth_date', 'birth_date is not null and birth is null'],
    ['not_future:birth_date', `birth > date ${lit(today)}`],
    ['length:phone', longer('phone', 20)],
    ['length:household_address', longer('household_address', 200)],
    ['code_table:ethnicity', 'ethnicity is not null and ethnicity not in (select code from codes_ethnicity)'],
    ['length:residence_address', longer('residence_address', 200)],
    ...strings.map((s): [string, string] => [`formula:${s}`, `${s} is not null and ${formula(s)}`]),
  ];
  const warningRules: [string, string][] = [['phone:phone', `phone is not null and not regexp_full_match(phone, '${CANONICAL_PHONE}')`]];
  const flags = [...errorRules, ...warningRules].map(([id, expr]) => `coalesce(${expr}, false) as ${col(id)}`);
  const rejected = errorRules.map(([id]) => col(id)).join(' or ');
  // as the batch counts them: every finding of a rejected record; a warning of a stored record or of a
  // conflicting one (which the batch rejects with its own findings), not of an exact duplicate
  const unpivot = [
    ...errorRules.map(([id]) => `select record_no, id_number, ${lit(id)} as rule from checked where ${col(id)} and rejected`),
    ...warningRules.map(
      ([id]) =>
        `select c.record_no, c.id_number, ${lit(id)} from checked c left join ranked r using (record_no)
         where c.${col(id)} and (c.rejected or r.nth = 1 or r.row_hash <> r.first_hash)`,
    ),
  ].join('\nunion all ');
  const hashed = `md5(concat_ws(chr(31), name, sex, id_number, birth::varchar, coalesce(phone, chr(0)), coalesce(household_address, chr(0)), coalesce(ethnicity, chr(0)), coalesce(residence_address, chr(0))))`;

  return [
    {
      name: 'code tables',
      sql: `create table codes_sex(alias varchar, code varchar); insert into codes_sex values ${codeLookupRows('GB/T 2261.1')};
            create table codes_ethnicity_alias(alias varchar, code varchar); insert into codes_ethnicity_alias values ${codeLookupRows('GB/T 3304')};
            create table codes_ethnicity as select distinct code from codes_ethnicity_alias;`,
    },
    {
      name: 'read_csv',
      // every column as text: a department's file is text, types are what the checks decide. Records are
      // numbered by a streaming row_number(), which keeps the file's order (row ids inside an open
      // transaction do not count from 1)
      sql: `create temp table raw as select row_number() over () as record_no, * from read_csv(${lit(opts.csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
            columns = ${csvColumns}, nullstr = '')`,
    },
    {
      name: 'cleanse',
      sql: `create temp table cleansed as
            with b0 as materialized (${basics(opts.columns)}),
            ${PHONE_STAGES.map((stage, i) => `b${i + 1} as (select *, ${stage} from b${i})`).join(',\n')}
            select record_no, name, coalesce(s.code, b.sex) as sex,
              case when right(id_number, 1) = 'x' then left(id_number, length(id_number) - 1) || 'X' else id_number end as id_number,
              birth_date, ${PHONE_CLEANSED} as phone, household_address, coalesce(e.code, b.ethnicity) as ethnicity, residence_address
            from b${PHONE_STAGES.length} b
            left join codes_sex s on s.alias = lower(b.sex)
            left join codes_ethnicity_alias e on e.alias = lower(b.ethnicity)`,
    },
    {
      name: 'check',
      sql: `create temp table checked as
            with p as (select *, ${idProblem('id_number', today)} as id_problem from (${idColumns('id_number')})),
            f as (select *, ${flags.join(',\n  ')} from p)
            select *, ${rejected} as rejected, ${hashed} as row_hash from f`,
    },
    {
      name: 'apply',
      // the first accepted record of a key is stored; a later one is a duplicate when equal, else a conflict
      sql: `create table population(id_number varchar primary key, name varchar, sex varchar, birth_date date, phone varchar,
              household_address varchar, ethnicity varchar, residence_address varchar, _row_hash varchar, _record integer);
            create temp table ranked as
              select record_no, id_number, row_hash, first_value(row_hash) over (partition by id_number order by record_no) as first_hash,
                     row_number() over (partition by id_number order by record_no) as nth
              from checked where not rejected;
            insert into population select c.id_number, name, sex, birth, phone, household_address, ethnicity, residence_address, c.row_hash, c.record_no
              from checked c join ranked r using (record_no) where r.nth = 1;`,
    },
    {
      name: 'problems',
      sql: `create table problems(record_no integer, id_number varchar, rule varchar);
            insert into problems ${unpivot}
            union all select record_no, id_number, case when row_hash = first_hash then 'duplicate_record' else 'duplicate_key' end from ranked where nth > 1;`,
    },
  ];
}

async function scalar(conn: Awaited<ReturnType<DuckDBInstance['connect']>>, sql: string): Promise<unknown> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowsJS()[0]?.[0];
}

export async function duckdbIngest(opts: DuckdbIngestOptions): Promise<DuckdbIngestResult> {
  const instance = await DuckDBInstance.create(opts.dbPath, opts.threads ? { threads: String(opts.threads) } : {});
  const conn = await instance.connect();
  try {
    const phases: Record<string, number> = {};
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await conn.run('begin transaction');
    for (const step of referenceSql(opts)) {
      const t = performance.now();
      await conn.run(step.sql);
      phases[step.name] = (performance.now() - t) / 1000;
    }
    const tc = performance.now();
    await conn.run('commit');
    phases.commit = (performance.now() - tc) / 1000;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);

    const count = async (sql: string) => Number(await scalar(conn, sql));
    const records = await count('select count(*) from checked');
    const rejected = await count('select count(*) from checked where rejected');
    const duplicates = await count(`select count(*) from problems where rule = 'duplicate_record'`);
    const conflicts = await count(`select count(*) from problems where rule = 'duplicate_key'`);
    const warned = await count(
      `select count(distinct p.record_no) from problems p join checked c using (record_no) join ranked r using (record_no) where not c.rejected and r.nth = 1`,
    );
    const byRule = (
      await conn.runAndReadAll('select rule, count(distinct record_no) from problems group by rule order by rule')
    ).getRowsJS();
    return {
      version: String(await scalar(conn, 'select version()')),
      threads: Number(await scalar(conn, `select current_setting('threads')`)),
      records,
      applied: await count('select count(*) from population'),
      rejected: rejected + conflicts,
      warned,
      duplicates,
      problemsByRule: Object.fromEntries(byRule.map(([rule, n]) => [String(rule), Number(n)])),
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      phases,
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
