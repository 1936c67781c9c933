package org.dicom2fhir.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Proxies as curl and most tools read them from the environment: {@code HTTPS_PROXY} for https URLs,
 * {@code HTTP_PROXY} for http URLs (each also in lower case, which wins when both are set), and
 * {@code NO_PROXY}: a comma-separated list of host names, domain suffixes ({@code example.org} and
 * {@code .example.org} both match {@code example.org} and every host below it), IP literals, or {@code *} (no
 * proxy at all); a {@code :port} after an entry is ignored, CIDR ranges are not supported. Loopback hosts are
 * always reached directly (as Go's and Python's HTTP clients do).
 *
 * <p>Only {@code http://host:port} proxies without credentials: the JDK's client tunnels https through them with
 * CONNECT. A proxy value with user information is refused (the message does not repeat it).
 */
public final class EnvironmentProxySelector extends ProxySelector {
    private final Proxy https;
    private final Proxy http;
    private final List<String> noProxy;
    private final boolean noProxyAtAll;

    private EnvironmentProxySelector(Proxy https, Proxy http, List<String> noProxy, boolean noProxyAtAll) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
        this.noProxyAtAll = noProxyAtAll;
    }

    /**
     * @param environment usually {@link System#getenv()}
     * @return the selector, or null when neither {@code HTTPS_PROXY} nor {@code HTTP_PROXY} is set
     * @throws IllegalArgumentException when a proxy value is not an {@code http://host[:port]} URL
     */
    public static EnvironmentProxySelector fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        Proxy https = proxy(environment, "HTTPS_PROXY");
        Proxy http = proxy(environment, "HTTP_PROXY");
        if (https == null && http == null) {
            return null;
        }
        List<String> noProxy = new ArrayList<>();
        boolean all = false;
        String list = variable(environment, "NO_PROXY");
        if (list != null) {
            for (String entry : list.split(",")) {
                String host = hostOf(entry.trim().toLowerCase(Locale.ROOT));
                if (host.equals("*")) {
                    all = true;
                } else if (!host.isEmpty()) {
                    noProxy.add(host.startsWith(".") ? host.substring(1) : host);
                }
            }
        }
        return new EnvironmentProxySelector(https, http, List.copyOf(noProxy), all);
    }

    @Override
    public List<Proxy> select(URI uri) {
        Objects.requireNonNull(uri, "uri");
        Proxy proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (proxy == null || noProxyAtAll || isLoopback(host) || excluded(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // nothing to remember: the transport reports and retries connection failures itself
    }

    boolean excluded(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (String entry : noProxy) {
            String bareEntry = entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry;
            if (bare.equals(bareEntry) || bare.endsWith("." + bareEntry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1");
    }

    /** An entry without its port: {@code host:8080} -> {@code host}; IPv6 literals keep their colons. */
    private static String hostOf(String entry) {
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            return end < 0 ? entry : entry.substring(0, end + 1);
        }
        int colon = entry.indexOf(':');
        return colon >= 0 && entry.indexOf(':', colon + 1) < 0 ? entry.substring(0, colon) : entry;
    }

    private static String variable(Map<String, String> environment, String upper) {
        String value = environment.get(upper.toLowerCase(Locale.ROOT));
        if (value == null || value.isBlank()) {
            value = environment.get(upper);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Proxy proxy(Map<String, String> environment, String name) {
        String value = variable(environment, name);
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value.contains("://") ? value : "http://" + value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " is not a proxy URL (http://host:port)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " carries user information: proxy credentials are not supported");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " is not an http://host[:port] proxy URL");
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
    }

    @Override
    public String toString() {
        return "EnvironmentProxySelector[https=" + (https != null) + ", http=" + (http != null) + ", noProxy="
                + (noProxyAtAll ? "*" : noProxy) + "]";
    }
}
