/**
 * Kafka and a schema registry for tests and the local stack, both on 127.0.0.1 only.
 *
 * <p>{@link io.klaxon.embedded.EmbeddedKafkaBroker} runs a real one-node KRaft cluster inside the
 * JVM; {@link io.klaxon.embedded.EmbeddedSchemaRegistry} serves the Confluent Schema Registry REST
 * API and keeps its schemas in a compacted topic of that (or any) cluster, so ids survive restarts.
 */
package io.klaxon.embedded;
