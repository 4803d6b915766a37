package io.annals.rpc.server;

import com.typesafe.config.ConfigFactory;
import io.annals.rpc.RpcServer;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.health.HealthSnapshot;
import io.annals.rpc.health.HealthSource;
import io.annals.rpc.metrics.MetricsRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real server on 127.0.0.1 (ephemeral port) with the test methods, and an HTTP/1.1 client. */
final class TestServer implements AutoCloseable {
    final TestMethods methods = new TestMethods();
    final MetricsRegistry metrics = new MetricsRegistry();
    final RpcSettings settings;
    final RpcServer server;
    final URI uri;
    final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private TestServer(String config, HealthSource health) {
        settings =
                RpcSettings.fromConfig(
                        ConfigFactory.parseString(
                                        "annals.rpc { host = \"127.0.0.1\", port = 0 }\n" + config)
                                .withFallback(ConfigFactory.defaultReference())
                                .resolve());
        server = RpcServer.start(settings, methods.methods(), health, metrics);
        uri = URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    /**
     * @param config HOCON overriding the defaults, e.g. {@code annals.rpc.max-batch-size = 4}
     */
    static TestServer start(String config) {
        return new TestServer(
                config, HealthSource.of(() -> HealthSnapshot.healthy("follow", 100, 0)));
    }

    static TestServer start(String config, HealthSource health) {
        return new TestServer(config, health);
    }

    HttpResponse<String> post(String body) {
        return send(jsonPost(body).build());
    }

    HttpRequest.Builder jsonPost(String body) {
        return HttpRequest.newBuilder(uri.resolve("/"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    HttpResponse<String> get(String path) {
        return send(
                HttpRequest.newBuilder(uri.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        methods.release.countDown();
        server.close();
    }
}
