package dev.ninelives.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void contentLength_inOnePiece_reportsHeadBodyAndEnd() {
    ResponseParser p = new ResponseParser();
    byte[] b = bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello");
    int seen = p.feed(b, 0, b.length);
    assertThat(seen).isEqualTo(ResponseParser.HEADERS | ResponseParser.BODY
        | ResponseParser.COMPLETE);
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.bodyBytes()).isEqualTo(5);
    assertThat(p.consumed()).isEqualTo(b.length);
  }

  @Test
  void chunked_fedOneByteAtATime_endsAfterTheTrailers() {
    String r = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
        + "6;ext=1\r\ndata: \r\n" + "3\r\nx\n\n\r\n" + "0\r\nTrailer: t\r\n\r\n";
    ResponseParser p = new ResponseParser();
    byte[] b = bytes(r);
    int all = 0;
    for (int i = 0; i < b.length; i++) {
      int seen = p.feed(b, i, 1);
      if (i < b.length - 1) {
        assertThat(seen & ResponseParser.COMPLETE).as("byte %d", i).isZero();
      }
      all |= seen;
    }
    assertThat(all & ResponseParser.COMPLETE).isNotZero();
    assertThat(p.bodyBytes()).isEqualTo(9);
    assertThat(p.complete()).isTrue();
  }

  @Test
  void twoResponsesInOneRead_stopsAtTheEndOfTheFirst() {
    byte[] b = bytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 2\r\n\r\nnoHTTP/1.1 "
        + "200 OK\r\nContent-Length: 0\r\n\r\n");
    ResponseParser p = new ResponseParser();
    p.feed(b, 0, b.length);
    assertThat(p.status()).isEqualTo(503);
    int used = p.consumed();
    p.reset();
    int seen = p.feed(b, used, b.length - used);
    assertThat(p.status()).isEqualTo(200);
    assertThat(seen & ResponseParser.COMPLETE).isNotZero();
    assertThat(seen & ResponseParser.BODY).isZero();
  }

  @Test
  void interimResponse_isSkipped() {
    byte[] b = bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
    ResponseParser p = new ResponseParser();
    int seen = p.feed(b, 0, b.length);
    assertThat(p.status()).isEqualTo(204);
    assertThat(seen & ResponseParser.COMPLETE).isNotZero();
  }

  @Test
  void connectionClose_isRemembered() {
    byte[] b = bytes("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    ResponseParser p = new ResponseParser();
    p.feed(b, 0, b.length);
    assertThat(p.closeAfter()).isTrue();
  }

  @Test
  void garbage_andUnframedBodies_areRefused() {
    ResponseParser p = new ResponseParser();
    byte[] b = bytes("SSH-2.0-OpenSSH\r\n");
    assertThatThrownBy(() -> p.feed(b, 0, b.length)).isInstanceOf(IllegalStateException.class);
    ResponseParser q = new ResponseParser();
    byte[] c = bytes("HTTP/1.1 200 OK\r\n\r\n");
    assertThatThrownBy(() -> q.feed(c, 0, c.length)).hasMessageContaining("Content-Length");
  }

  @Test
  void chunkSize_ignoresExtensionsAndSpaces() {
    assertThat(ResponseParser.chunkSize("1a ; name=value")).isEqualTo(26);
    assertThatThrownBy(() -> ResponseParser.chunkSize(" ")).isInstanceOf(
        IllegalStateException.class);
  }
}
