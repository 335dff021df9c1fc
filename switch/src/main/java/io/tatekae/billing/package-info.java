/**
 * The customer's month (billing.md): statements, fees and due dates, payments allocated to them,
 * delinquency, credit lines that follow the customer, points spent, and who may be issued the app
 * card. Pure like the engine: no I/O, no locks, time passed in from the injected clock, money in
 * {@code long} yen, owned by the decision thread ({@link io.tatekae.billing.Billing}). Its state is
 * rebuilt from the journal at every start ({@link io.tatekae.billing.BillingState}: apply each event,
 * then finish); every change it makes is journaled as a {@link io.tatekae.billing.BillingEvent} first.
 */
package io.tatekae.billing;
