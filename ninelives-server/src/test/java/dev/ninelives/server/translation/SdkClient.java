package dev.ninelives.server.translation;

/** An official SDK pointed at the gateway. */
interface SdkClient extends AutoCloseable {
  String name();

  /** Sends the request and returns what came back; throws what the SDK throws. */
  Answer send(Ask ask);

  @Override
  void close();
}
