import type { ReactNode } from 'react';
import { Empty, ErrorState, Loading } from './States';

/** What QueryItems reads of a React Query result, from useQuery or useInfiniteQuery. */
export interface QueryLike<D> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: D | undefined;
  refetch: () => Promise<unknown>;
}

interface Props<D, T> {
  query: QueryLike<D>;
  /** Title of the empty state. */
  empty: string;
  /** More for the empty state, such as what to do first. */
  emptyDetail?: ReactNode;
  /** Text beside the spinner while the first answer is on its way. */
  loading?: string;
  /** Draws the list once it has items; `data` is the whole answer, for a cursor and the like. */
  children: (items: T[], data: D) => ReactNode;
}

/**
 * A query's list in the state it is in: loading, failed with a retry, empty, or its items. The list is
 * `data.items`, unless `select` takes it from elsewhere (the pages of an infinite query).
 */
export function QueryItems<D extends { items: unknown[] }>(props: Props<D, D['items'][number]>): ReactNode;
export function QueryItems<D, T>(props: Props<D, T> & { select: (data: D) => T[] }): ReactNode;
export function QueryItems<D, T>({ query, empty, emptyDetail, loading, select, children }: Props<D, T> & { select?: (data: D) => T[] }) {
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Loading label={loading} />;
  // Without select, the first signature has made sure the answer has items.
  const items = select ? select(query.data) : (query.data as { items: T[] }).items;
  return items.length === 0 ? <Empty title={empty}>{emptyDetail}</Empty> : children(items, query.data);
}
