package io.klaxon.ingest.auth;

/** What a request's credentials are worth. */
public sealed interface Authentication {
  /** The key is valid: the request writes for {@code caller}'s tenant. */
  record Authenticated(Caller caller) implements Authentication {}

  /** The request writes nothing. */
  record Refused(Refusal refusal) implements Authentication {}

  /** Why a request was refused; {@link #message()} is what the client is told. */
  enum Refusal {
    /** No {@code Authorization: Bearer} header. */
    MISSING_KEY("missing API key: send Authorization: Bearer <key>"),
    /** No tenant has this key. */
    UNKNOWN_KEY("unknown API key"),
    /** The key was revoked in its tenant's configuration. */
    REVOKED_KEY("API key revoked"),
    /** The key's expiry has passed. */
    EXPIRED_KEY("API key expired"),
    /** More than one tenant lists this key's hash, so it cannot say whose alerts these are. */
    AMBIGUOUS_KEY("unknown API key"),
    /** The key's tenant is disabled. */
    TENANT_DISABLED("tenant disabled");

    private final String message;

    Refusal(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }

    /** The metric tag of this reason ({@code unknown_key}). */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
