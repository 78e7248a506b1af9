// The JS heap figure every browser benchmark reports: what a page still holds after a GC.
/**
 * The page's used JS heap after two forced GCs (the second collects what the first one's
 * finalizers released), through a CDP session on the page.
 *
 * @param {import('playwright').CDPSession} cdp
 */
export async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}
