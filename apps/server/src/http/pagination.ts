import { z } from "zod";

/** Query parameters of every list endpoint: cursor pagination, newest first. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: z.string().min(1).max(64).optional(),
});

/** The list envelope schema for items of `item`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ object: z.literal("list"), data: z.array(item), has_more: z.boolean(), url: z.string() });
}

/**
 * Builds the list envelope from `limit + 1` fetched rows: the extra row only tells whether there
 * is a next page.
 */
export function toList<R, T>(rows: R[], limit: number, url: string, present: (row: R) => T) {
  const page = rows.slice(0, limit);
  return { object: "list" as const, data: page.map(present), has_more: rows.length > limit, url };
}
