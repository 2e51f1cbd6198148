package dev.streamscope.app.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void isThePomVersionTheBuildStampedIn() {
        // surefire passes the POM's version (app/pom.xml); the class reads the filtered resource
        assertThat(System.getProperty("streamscope.pom.version")).isNotBlank();
        assertThat(Version.current()).isEqualTo(System.getProperty("streamscope.pom.version"));
        assertThat(Version.title()).isEqualTo("StreamScope " + Version.current());
    }
}
