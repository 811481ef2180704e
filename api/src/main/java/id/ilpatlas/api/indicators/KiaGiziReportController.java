package id.ilpatlas.api.indicators;

import id.ilpatlas.api.security.Callers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The KIA-gizi review downloads: {@code /reports/kia-gizi/{kecamatan}/{yyyy-MM}.csv} and {@code .html}. */
@RestController
class KiaGiziReportController {

    private final KiaGiziReviews reviews;
    private final Callers callers;

    KiaGiziReportController(KiaGiziReviews reviews, Callers callers) {
        this.reviews = reviews;
        this.callers = callers;
    }

    @GetMapping("/reports/kia-gizi/{kecamatan}/{month}.csv")
    void csv(
            @PathVariable String kecamatan,
            @PathVariable String month,
            Principal principal,
            HttpServletResponse response)
            throws IOException {
        KiaGiziReviews.Review review = reviews.review(callers.of(principal), kecamatan, month);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"kia-gizi-" + review.kecamatanCode() + "-" + review.month() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        reviews.writeCsv(review, out);
    }

    @GetMapping("/reports/kia-gizi/{kecamatan}/{month}.html")
    void html(
            @PathVariable String kecamatan,
            @PathVariable String month,
            Principal principal,
            HttpServletResponse response)
            throws IOException {
        KiaGiziReviews.Review review = reviews.review(callers.of(principal), kecamatan, month);
        response.setContentType("text/html;charset=UTF-8");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        reviews.writeHtml(review, out);
    }
}
