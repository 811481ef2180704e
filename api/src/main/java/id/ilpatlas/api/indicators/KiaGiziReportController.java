package id.ilpatlas.api.indicators;

import id.ilpatlas.api.security.Callers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
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

    @GetMapping("/reports/kia-gizi/{kecamatan}/{month}.{format:csv|html}")
    void download(
            @PathVariable String kecamatan,
            @PathVariable String month,
            @PathVariable String format,
            Principal principal,
            HttpServletResponse response)
            throws IOException {
        KiaGiziReviews.Review review = reviews.review(callers.of(principal), kecamatan, month);
        if (format.equals("csv")) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(
                    "Content-Disposition",
                    "attachment; filename=\"kia-gizi-" + review.kecamatanCode() + "-" + review.month() + ".csv\"");
            reviews.writeCsv(review, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        } else {
            response.setContentType("text/html;charset=UTF-8");
            reviews.writeHtml(review, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        }
    }
}
