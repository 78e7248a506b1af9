'use client';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export interface UseAutoScrollOptions {
  /** Within this many pixels of the bottom counts as "at the bottom". Default 8. */
  threshold?: number;
}

export interface UseAutoScrollResult<S extends HTMLElement = HTMLDivElement, C extends HTMLElement = HTMLDivElement> {
  /** Attach to the scrolling element. */
  scrollRef: RefObject<S | null>;
  /** Attach to the element inside it whose size grows with the content. */
  contentRef: RefObject<C | null>;
  /** True while the view follows new content (the reader is at the bottom). */
  following: boolean;
  /** Scrolls to the bottom and follows again. */
  jumpToLatest: () => void;
}

/** Keys that scroll up: pressing one means the reader wants to read back, now. */
const UP_KEYS = new Set(['PageUp', 'Home', 'ArrowUp', 'Up']);

/**
 * Follows a growing transcript while the reader is at the bottom, and lets go the moment they
 * scroll up, whatever the means: wheel, touch, keys (PageUp, Home, arrows) or dragging the
 * scrollbar. It follows again once they are back at the bottom (by any means, or
 * `jumpToLatest`).
 *
 * Intent events (wheel, touch, keys) release at once instead of waiting for the scroll event,
 * because while a reply streams the next content growth would otherwise pull the reader back
 * down within the same frame.
 */
export function useAutoScroll<S extends HTMLElement = HTMLDivElement, C extends HTMLElement = HTMLDivElement>({
  threshold = 8,
}: UseAutoScrollOptions = {}): UseAutoScrollResult<S, C> {
  const scrollRef = useRef<S | null>(null);
  const contentRef = useRef<C | null>(null);
  const followRef = useRef(true);
  const [following, setFollowingState] = useState(true);

  const setFollowing = useCallback((value: boolean) => {
    if (followRef.current === value) return;
    followRef.current = value;
    setFollowingState(value);
  }, []);

  const pin = useCallback(() => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  const jumpToLatest = useCallback(() => {
    setFollowing(true);
    pin();
  }, [pin, setFollowing]);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    let lastTop = element.scrollTop;
    let lastHeight = element.scrollHeight;
    /** scrollHeight at the previous scroll event: how much streamed in during a scroll. */
    let heightAtScroll = element.scrollHeight;
    let touchY: number | null = null;
    const atBottom = () => element.scrollHeight - element.scrollTop - element.clientHeight <= threshold;
    // Scrolling up in a view with nothing to scroll is no reason to stop following.
    const release = () => {
      if (element.scrollHeight - element.clientHeight > threshold) setFollowing(false);
    };

    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) release();
    };
    const onTouchStart = (event: TouchEvent) => {
      touchY = event.touches[0]?.clientY ?? null;
    };
    const onTouchMove = (event: TouchEvent) => {
      const y = event.touches[0]?.clientY;
      // A finger moving down drags the content down: the reader is scrolling up.
      if (touchY !== null && y !== undefined && y > touchY + 2) release();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // Arrows in a text field move the caret; they are not a wish to scroll.
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (UP_KEYS.has(event.key) || (event.key === ' ' && event.shiftKey)) release();
      // End means "to the latest". Its animated scroll would land on the bottom of the moment
      // the key was pressed, short of the content that streamed in meanwhile: follow at once.
      else if (event.key === 'End') {
        event.preventDefault();
        setFollowing(true);
        element.scrollTop = element.scrollHeight;
      }
    };
    const onPointerDown = (event: PointerEvent) => {
      // A press on the element itself beyond its content box is a press on its scrollbar.
      if (event.target === element && event.offsetX > element.clientWidth) release();
    };
    const onScroll = () => {
      const top = element.scrollTop;
      const height = element.scrollHeight;
      const shrank = height < lastHeight;
      // A scroll animation aims at the bottom of when it started; content that streamed in
      // since then must not keep a reader who scrolled all the way down from following.
      const grown = Math.max(0, height - heightAtScroll);
      heightAtScroll = height;
      if (atBottom() || (top > lastTop && height - top - element.clientHeight <= threshold + grown)) {
        // Back at the bottom by any means: follow again.
        if (top >= lastTop || shrank) setFollowing(true);
      } else if (top < lastTop && !shrank) {
        // Moved up without the content shrinking: a scrollbar drag or any other user scroll.
        setFollowing(false);
      }
      lastTop = top;
      lastHeight = height;
    };

    element.addEventListener('wheel', onWheel, { passive: true });
    element.addEventListener('touchstart', onTouchStart, { passive: true });
    element.addEventListener('touchmove', onTouchMove, { passive: true });
    element.addEventListener('keydown', onKeyDown);
    element.addEventListener('pointerdown', onPointerDown);
    element.addEventListener('scroll', onScroll, { passive: true });

    // Content grew (a token, an image, a font): stay pinned if following. A ResizeObserver
    // callback runs after layout and before paint, so the reader never sees the jump.
    const observer =
      typeof ResizeObserver !== 'undefined'
        ? new ResizeObserver(() => {
            if (followRef.current) {
              element.scrollTop = element.scrollHeight;
              lastTop = element.scrollTop;
            }
            lastHeight = element.scrollHeight;
          })
        : null;
    if (contentRef.current) observer?.observe(contentRef.current);
    observer?.observe(element);
    if (followRef.current) element.scrollTop = element.scrollHeight;

    return () => {
      observer?.disconnect();
      element.removeEventListener('wheel', onWheel);
      element.removeEventListener('touchstart', onTouchStart);
      element.removeEventListener('touchmove', onTouchMove);
      element.removeEventListener('keydown', onKeyDown);
      element.removeEventListener('pointerdown', onPointerDown);
      element.removeEventListener('scroll', onScroll);
    };
  }, [threshold, setFollowing]);

  return { scrollRef, contentRef, following, jumpToLatest };
}
