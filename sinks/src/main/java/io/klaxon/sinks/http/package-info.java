/** The loopback HTTP server the HTTP stand-ins and the inbox page are served by. */
package io.klaxon.sinks.http;
