package org.dicom2fhir.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dicom2fhir.http.HttpOptions;

/** The HTTP options shared by {@code --post} and a DICOMweb study URL: TLS, timeouts, retries. */
final class NetworkOptions {
    /** Meaningless without a server to talk to. */
    static final List<OptionSpec<?>> ALL = List.of(CliOptions.CA_CERT, CliOptions.CONNECT_TIMEOUT, CliOptions.TIMEOUT,
            CliOptions.RETRIES, CliOptions.RETRY_MAX_TIME);

    private NetworkOptions() {
    }

    /** The HTTP options of every server the run talks to: the proxies of the environment, TLS, timeouts, retries. */
    static HttpOptions http(Options options, Map<String, String> environment) {
        HttpOptions http = new HttpOptions().proxyEnvironment(environment);
        if (options.given(CliOptions.CA_CERT)) {
            http.caCertificates(Path.of(options.get(CliOptions.CA_CERT)));
        }
        if (options.given(CliOptions.CONNECT_TIMEOUT)) {
            http.connectTimeout(Duration.ofSeconds(options.get(CliOptions.CONNECT_TIMEOUT)));
        }
        if (options.given(CliOptions.TIMEOUT)) {
            http.requestTimeout(Duration.ofSeconds(options.get(CliOptions.TIMEOUT)));
        }
        if (options.given(CliOptions.RETRIES)) {
            http.retries(options.get(CliOptions.RETRIES));
        }
        if (options.given(CliOptions.RETRY_MAX_TIME)) {
            http.retryMaxTime(Duration.ofSeconds(options.get(CliOptions.RETRY_MAX_TIME)));
        }
        return http;
    }
}
