/**
 * A rendered chart as the core hands it to a chat adapter: the PNG bytes and the words that go with
 * them. No platform type appears here; each adapter uploads it its own way (Discord multipart,
 * Slack's external upload) and falls back to `fallbackText` when the upload is refused.
 */
export interface ChartImage {
  png: Buffer;
  /** Always a .png name; adapters refer to it (Discord `attachment://chart.png`). */
  filename: string;
  title: string;
  /** For screen readers: what the picture shows in one sentence. */
  altText: string;
  /** The points as lines of text: what a reader gets when the image cannot be shown. */
  fallbackText: string;
}

export const CHART_FILENAME = 'chart.png';
