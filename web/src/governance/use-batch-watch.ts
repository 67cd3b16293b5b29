// Follows one batch until it is done: fetches it every second while it is queued or running (its live
// progress counts come with it), and stops at applied or failed. A failed request is retried at the
// next tick, so a short network blip does not freeze the progress bar; a refusal is not.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import type { BatchDetail } from './types';
import { batchInFlight } from './vocab';

export const BATCH_POLL_MS = 1000;

export interface BatchWatch {
  batch: BatchDetail | undefined;
  error: unknown;
  /** Fetch again now (after a change elsewhere), and keep polling if it is in flight. */
  reload: () => void;
}

export function useBatchWatch(batchId: string | null): BatchWatch {
  const [batch, setBatch] = useState<BatchDetail>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setBatch(undefined);
    setError(undefined);
  }, [batchId]);

  useEffect(() => {
    if (!batchId) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      api
        .get<BatchDetail>(`/api/v1/aggregation/batches/${encodeURIComponent(batchId)}`)
        .then((b) => {
          if (!current) return;
          setBatch(b);
          setError(undefined);
          if (batchInFlight(b.status)) timer = setTimeout(load, BATCH_POLL_MS);
        })
        .catch((err: unknown) => {
          if (!current) return;
          setError(err);
          // a refusal or a missing batch will not change by asking again
          if (!(err instanceof ApiError) || err.status === 0 || err.status >= 500) timer = setTimeout(load, BATCH_POLL_MS * 3);
        });
    };
    load();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [batchId, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { batch, error, reload };
}
