/**
 * The sandbox API: what a network simulation for the demo and tests implements, and what sandboxes
 * share. It is not part of the production plugin contract ({@code io.goalpost.plugin.api}): a network
 * plugin never depends on it, and a production server never loads a sandbox.
 *
 * <p>A sandbox is a PF4J plugin zip of its own ({@code goalpost-sandbox-<network>}) with one
 * {@link io.goalpost.plugin.sandbox.NetworkSandbox} extension whose {@code networkId()} names the network
 * it simulates. The demo loads sandbox zips from their own directory (signed and checked like plugin
 * zips), serves each on a loopback port while that network's plugin runs, and connects its
 * {@link io.goalpost.plugin.sandbox.DemoAccount}s; accounts made that way are marked
 * {@code origin: "sandbox"} for good.
 *
 * <p>Versioning: this package ships with plugin-api and has its version; a sandbox declares the same
 * {@code plugin.requires} range as a plugin (it uses plugin-api's {@code HttpRequest},
 * {@code HttpResponse} and {@code AppCredentials}). Its classes come from the host, like plugin-api's.
 */
package io.goalpost.plugin.sandbox;
