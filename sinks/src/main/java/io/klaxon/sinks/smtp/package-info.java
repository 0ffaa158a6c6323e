/** The SMTP stand-in: a GreenMail server whose accepted messages are parsed into the inbox. */
package io.klaxon.sinks.smtp;
