package dev.coderunner.web;

import java.io.IOException;
import java.time.Duration;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the dashboard built into the jar under {@code static/}: hashed assets are cached for a year,
 * {@code index.html} is revalidated on every load, and any other path without a file extension that is
 * not an API or operations route answers {@code index.html}, so deep links survive a reload.
 * Registered before Spring Boot's default {@code /**} mapping, which then steps aside.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAssets implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/**")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new SpaFallback());
    }

    static final class SpaFallback extends PathResourceResolver {
        @Override
        protected Resource getResource(String path, Resource location) throws IOException {
            Resource file = path.isEmpty() ? null : super.getResource(path, location);
            if (file != null) {
                return file;
            }
            if (!isClientRoute(path)) {
                return null;
            }
            Resource index = new ClassPathResource("static/index.html");
            return index.exists() ? index : null;
        }

        /** A path the dashboard's router owns: not the API, not an operations endpoint, not a missing file. */
        static boolean isClientRoute(String path) {
            String p = path.startsWith("/") ? path.substring(1) : path;
            if (p.startsWith("api/") || p.equals("api") || p.startsWith("assets/")) {
                return false;
            }
            if (p.equals("healthz") || p.equals("readyz") || p.equals("metrics") || p.startsWith("actuator")) {
                return false;
            }
            String last = p.substring(p.lastIndexOf('/') + 1);
            return !last.contains(".");
        }
    }
}
