/**
 * Plumbing the HTTP stand-ins share: the loopback HTTP server they and the inbox page are served
 * by, and the per-key token buckets their rate limits use.
 */
package io.klaxon.sinks.http;
