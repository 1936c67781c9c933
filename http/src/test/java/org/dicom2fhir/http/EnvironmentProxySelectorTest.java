package org.dicom2fhir.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProxySelectorTest {
    private static final Map<String, String> ENV = Map.of(
            "HTTPS_PROXY", "http://secure-proxy.example.net:3128",
            "HTTP_PROXY", "plain-proxy.example.net:8080",
            "NO_PROXY", "internal.example.org, .hospital.local,10.1.2.3,pacs:8443,[fd00::1]");

    @Test
    void theSchemesProxy() {
        EnvironmentProxySelector selector = EnvironmentProxySelector.fromEnvironment(ENV);
        assertThat(address(selector.select(URI.create("https://fhir.example.com/fhir"))))
                .isEqualTo(InetSocketAddress.createUnresolved("secure-proxy.example.net", 3128));
        assertThat(address(selector.select(URI.create("http://fhir.example.com/fhir"))))
                .isEqualTo(InetSocketAddress.createUnresolved("plain-proxy.example.net", 8080));
    }

    @Test
    void noProxyHostsSuffixesAndAddressesGoDirect() {
        EnvironmentProxySelector selector = EnvironmentProxySelector.fromEnvironment(ENV);
        for (String url : List.of("https://internal.example.org/fhir", "https://fhir.internal.example.org/fhir",
                "https://hospital.local/", "https://a.b.hospital.local/", "http://10.1.2.3:8080/fhir",
                "https://pacs/dicomweb", "https://[fd00::1]:8443/fhir", "https://INTERNAL.example.org/",
                "http://localhost:8080/fhir", "http://127.0.0.1:8080/fhir", "http://[::1]:8080/fhir")) {
            assertThat(selector.select(URI.create(url))).as(url).containsExactly(Proxy.NO_PROXY);
        }
        for (String url : List.of("https://notinternal.example.org/", "https://example.org/", "http://10.1.2.30/",
                "https://hospital.local.evil.example/")) {
            assertThat(selector.select(URI.create(url))).as(url).doesNotContain(Proxy.NO_PROXY);
        }
    }

    @Test
    void aStarInNoProxyTurnsProxiesOff() {
        EnvironmentProxySelector selector = EnvironmentProxySelector.fromEnvironment(
                Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "*"));
        assertThat(selector.select(URI.create("https://fhir.example.com/"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void lowerCaseVariablesWinAndAMissingSchemesProxyMeansDirect() {
        EnvironmentProxySelector selector = EnvironmentProxySelector.fromEnvironment(
                Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy", "http://lower:2"));
        assertThat(address(selector.select(URI.create("https://fhir.example.com/"))))
                .isEqualTo(InetSocketAddress.createUnresolved("lower", 2));
        assertThat(selector.select(URI.create("http://fhir.example.com/"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void noProxyVariablesNoSelector() {
        assertThat(EnvironmentProxySelector.fromEnvironment(Map.of())).isNull();
        assertThat(EnvironmentProxySelector.fromEnvironment(Map.of("NO_PROXY", "x", "HTTP_PROXY", " "))).isNull();
    }

    @Test
    void proxyCredentialsAreRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> EnvironmentProxySelector.fromEnvironment(Map.of("HTTPS_PROXY", "http://user:Pa55word@proxy:3128")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HTTPS_PROXY")
                .hasMessageNotContaining("Pa55word");
        assertThatThrownBy(() -> EnvironmentProxySelector.fromEnvironment(Map.of("HTTP_PROXY", "socks5://proxy:1080")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HTTP_PROXY");
    }

    private static InetSocketAddress address(List<Proxy> proxies) {
        assertThat(proxies).hasSize(1);
        assertThat(proxies.get(0).type()).isEqualTo(Proxy.Type.HTTP);
        return (InetSocketAddress) proxies.get(0).address();
    }
}
