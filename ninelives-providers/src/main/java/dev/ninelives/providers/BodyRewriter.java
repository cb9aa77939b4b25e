package dev.ninelives.providers;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Edits a client's JSON body at the byte level, using the offsets a scanner recorded, so the
 * same-format fast path never decodes and re-encodes the (possibly megabytes of) messages.
 *
 * <p>Stateless and thread-safe.
 */
public final class BodyRewriter {
  private BodyRewriter() {}

  /**
   * Returns {@code body} with the model value replaced by {@code model}, JSON-escaped; every
   * other byte is kept. When the model is unchanged, returns {@code body} itself (no copy).
   *
   * @param scan the result of scanning exactly this body
   * @throws IllegalArgumentException when the recorded span does not hold a JSON string in
   *     {@code body} (the scan belongs to another body)
   */
  public static byte[] withModel(byte[] body, ScannedRequest scan, String model) {
    int start = scan.modelStart();
    int end = scan.modelEnd();
    if (end > body.length || body[start] != '"' || body[end - 1] != '"') {
      throw new IllegalArgumentException(
          "the scanned model span [" + start + ", " + end + ") is not a string in this body");
    }
    if (model.equals(scan.model())) {
      return body;
    }
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(model);
    byte[] out = new byte[body.length - (end - start) + escaped.length + 2];
    System.arraycopy(body, 0, out, 0, start);
    int p = start;
    out[p++] = '"';
    System.arraycopy(escaped, 0, out, p, escaped.length);
    p += escaped.length;
    out[p++] = '"';
    System.arraycopy(body, end, out, p, body.length - end);
    return out;
  }
}
