package io.tatekae.billing;

/** One recorded change of a limit or a status, as the account view shows it to support. */
public record Change(long atMillis, String what, long from, long to, Cause cause, String reference) {
}
