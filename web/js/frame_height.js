// The lab page inside a frame tells its parent how tall its content is, so a course page can
// size the frame to fit (web/embed.js does). The message, documented in the README:
//   { type: 'vilab:height', height: <CSS pixels, an integer> }
// posted to window.parent only (never to other windows), and only when the page is framed.
// It carries nothing else. The page itself listens for no messages from other windows.

export const heightMessageType = 'vilab:height';

/** The message for a content height: {type, height}, height rounded up to whole pixels. */
export function heightMessage(height) {
  return { type: heightMessageType, height: Math.ceil(height) };
}

/**
 * Posts the content height of `content` to the parent whenever it changes. Does nothing when
 * the page is not in a frame. Returns a function that stops it.
 */
export function postHeightToParent(content = document.body, target = window.parent) {
  if (target === window) return () => {};
  let last = -1;
  const post = () => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === last || height === 0) return;
    last = height;
    // '*': the page cannot know its embedder's origin, and the number is not a secret.
    target.postMessage(heightMessage(height), '*');
  };
  const observer = new ResizeObserver(post);
  observer.observe(content);
  post();
  return () => observer.disconnect();
}
