/**
 * The tracing SPI: one trace per client request with one child per upstream attempt, fed by
 * the relay, which alone knows which request an attempt belongs to. Core defines the hooks and
 * their no-op defaults ({@link RequestTracer#OFF}, {@link RequestTrace#NONE},
 * {@link AttemptTrace#NONE}) and knows no tracing library; an implementation lives in its own
 * module.
 *
 * <p>The contract that keeps tracing cheap: with tracing off, callers get the shared no-op
 * objects and allocate nothing per request; every hook is called on the request's own thread
 * (its event loop), one request at a time, and must never block.
 */
package dev.ninelives.core.trace;
