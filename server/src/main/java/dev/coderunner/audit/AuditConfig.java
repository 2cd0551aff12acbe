package dev.coderunner.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The request audit runs first, so that it also records requests the access check refuses. */
@Configuration(proxyBeanMethods = false)
class AuditConfig implements WebMvcConfigurer {

    private final RequestAudit requestAudit;

    AuditConfig(RequestAudit requestAudit) {
        this.requestAudit = requestAudit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(requestAudit).addPathPatterns("/api/**").order(-10);
    }
}
