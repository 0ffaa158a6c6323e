/**
 * The webhook stand-in: a receiver that verifies Standard Webhooks signatures with secrets per path
 * prefix, counts repeats and can fail on purpose.
 */
package io.klaxon.sinks.webhook;
