/**
 * Bytes → text for plain text streams (`text/plain` LLM replies): UTF-8 decoded in streaming
 * mode, so a character split across network reads is delivered whole in the next piece.
 */
export class TextChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  private static readonly STREAM = { stream: true } as const;

  constructor(private readonly onText: (text: string) => void) {}

  push(bytes: Uint8Array): void {
    const text = this.decoder.decode(bytes, TextChunkDecoder.STREAM);
    if (text !== '') this.onText(text);
  }

  /** The body ended: flush what the decoder still holds. */
  end(): void {
    const text = this.decoder.decode();
    if (text !== '') this.onText(text);
  }
}
