package io.annals.rpc.http;

/** The handlers behind the server's paths, shared by all connections. */
record HttpEndpoints(JsonRpcEndpoint rpc, HealthEndpoint health, MetricsEndpoint metrics) {}
