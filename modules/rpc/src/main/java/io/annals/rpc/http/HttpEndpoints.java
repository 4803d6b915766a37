package io.annals.rpc.http;

import io.annals.rpc.ws.WebSocketEndpoint;

/** The handlers behind the server's paths, shared by all connections. */
record HttpEndpoints(
        JsonRpcEndpoint rpc,
        HealthEndpoint health,
        MetricsEndpoint metrics,
        WebSocketEndpoint webSocket) {}
