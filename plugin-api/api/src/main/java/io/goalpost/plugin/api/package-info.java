/**
 * The contract between the Goalpost host and network plugins.
 *
 * <p>A plugin contributes one {@link io.goalpost.plugin.api.NetworkAdapterFactory} (a PF4J extension)
 * that describes its network and creates a {@link io.goalpost.plugin.api.NetworkAdapter} per connected
 * account. Adapters are synchronous and talk to their network only through the host's
 * {@link io.goalpost.plugin.api.HttpPort}. Values are immutable and validated on construction; a metric
 * that is not reported is absent, never 0. Failures are reported as the sealed
 * {@link io.goalpost.plugin.api.AdapterException} hierarchy.
 *
 * <p>This package depends on PF4J ({@code ExtensionPoint} only) and SLF4J. It deliberately exposes no
 * Vert.x and no Jackson type so the host can upgrade either without breaking plugins.
 */
package io.goalpost.plugin.api;
