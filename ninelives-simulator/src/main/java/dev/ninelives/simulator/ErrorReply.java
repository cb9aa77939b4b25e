package dev.ninelives.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer ready to send: status, extra headers and JSON body. Immutable once built; the
 * body node must not be changed after construction.
 */
record ErrorReply(int status, Map<String, String> headers, ObjectNode body) {

  ErrorReply {
    headers = Map.copyOf(headers);
  }

  ErrorReply(int status, ObjectNode body) {
    this(status, Map.of(), body);
  }

  ErrorReply withHeaders(Map<String, String> extra) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(extra);
    return new ErrorReply(status, all, body);
  }
}
