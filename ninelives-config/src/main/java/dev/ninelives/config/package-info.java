/**
 * Loading, validation and lint of the NineLives YAML configuration.
 *
 * <p>{@link dev.ninelives.config.ConfigLoader} turns a YAML file into the immutable
 * {@link dev.ninelives.core.config.GatewayConfig}, or into a list of
 * {@link dev.ninelives.config.ConfigProblem}s that each point at a line and column. Every
 * problem of a file is reported in one pass, so an operator fixes a config in one round trip
 * instead of one error at a time.
 */
package dev.ninelives.config;
