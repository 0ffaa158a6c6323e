/**
 * What the stand-ins received: the bounded {@link io.klaxon.sinks.inbox.Inbox} of
 * {@link io.klaxon.sinks.inbox.Capture}s, the tenant each belongs to, and the page and JSON that
 * show them as their recipients would see them. Depends on no stand-in.
 */
package io.klaxon.sinks.inbox;
