import { NOTIFICATION_IMPORTANCES, type NotificationImportance, type TypeCount } from './types.js';

/** The more important of two importances. */
export function moreImportant(a: NotificationImportance, b: NotificationImportance): NotificationImportance {
  return NOTIFICATION_IMPORTANCES.indexOf(a) >= NOTIFICATION_IMPORTANCES.indexOf(b) ? a : b;
}

/** Whether `importance` is at least `min`. */
export function atLeast(importance: NotificationImportance, min: NotificationImportance): boolean {
  return NOTIFICATION_IMPORTANCES.indexOf(importance) >= NOTIFICATION_IMPORTANCES.indexOf(min);
}

/**
 * Counts per type, O(1) per item, for the texts that replace many items with one line: the
 * "while you were away" summary and coalesced announcements ("5 new orders, 2 promotions").
 */
export class TypeTally {
  private readonly counts = new Map<string, number>();
  total = 0;
  importance: NotificationImportance = 'low';

  add(type: string, count: number, importance: NotificationImportance): void {
    this.counts.set(type, (this.counts.get(type) ?? 0) + count);
    this.total += count;
    this.importance = moreImportant(this.importance, importance);
  }

  /** Per type, most numerous first (ties: first seen first). A fresh array. */
  list(): TypeCount[] {
    return [...this.counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count);
  }

  clear(): void {
    this.counts.clear();
    this.total = 0;
    this.importance = 'low';
  }
}
