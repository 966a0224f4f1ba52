import Crypto
import EKSGuardCore
import Foundation

/// The HTML report's one style sheet and one script, and the Content-Security-Policy that allows
/// exactly these two (by hash) and nothing else: no network, no other inline code. Everything that
/// varies with the report is HTML (escaped); these never change with the report.
enum HTMLAssets {
    /// Large reports: sections off screen are not laid out until scrolled to (`content-visibility`), and
    /// the findings tables have fixed column widths, so a row's layout does not depend on every other
    /// row. Together they cut Chromium's load of a 20,000-result page by about three quarters.
    ///
    /// Row classes the filters toggle: `s-<severity>` and `t-<status>`; hiding is one class on the
    /// findings container (`hide-s-low`), so filtering thousands of rows costs one style pass.
    static let style: String = {
        let hideRules = (Severity.allCases.map { "s-\($0.rawValue)" } + CheckStatus.allCases.map { "t-\($0.rawValue)" })
            .map { ".hide-\($0) .\($0)" }.joined(separator: ",") + "{display:none}"
        return """
            :root{--fg:#1f2328;--bg:#fff;--muted:#57606a;--line:#d0d7de;--panel:#f6f8fa;--link:#0969da;\
            --fail:#cf222e;--error:#8250df;--pass:#1a7f37;--waived:#0969da;--na:#6e7781;--fair:#bf8700}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#8d96a0;--line:#30363d;\
            --panel:#161b22;--link:#58a6ff;--fail:#ff7b72;--error:#d2a8ff;--pass:#3fb950;--waived:#79c0ff;\
            --na:#8d96a0;--fair:#d29922}}
            body{font-family:system-ui,sans-serif;margin:2rem;color:var(--fg);background:var(--bg);line-height:1.4}
            a{color:var(--link)}
            table{border-collapse:collapse;margin:.5rem 0 1rem}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:var(--panel)}
            td.num{text-align:right;white-space:nowrap}
            #findings section{content-visibility:auto;contain-intrinsic-size:auto 3000px}
            table.findings{table-layout:fixed;width:100%}
            .findings th:nth-child(-n+2){width:5.5em}.findings th:nth-child(3){width:10em}.findings th:nth-child(4){width:30%}
            .findings td{overflow-wrap:anywhere}
            .findings td:last-child{white-space:pre-wrap}
            td small{display:block;color:var(--muted);overflow-wrap:anywhere}
            .muted{color:var(--muted)}
            .t-fail>td:first-child,.is-fail{color:var(--fail);font-weight:bold}
            .t-error>td:first-child,.is-error{color:var(--error);font-weight:bold}
            .t-pass>td:first-child,.is-pass{color:var(--pass)}
            .t-waived>td:first-child,.is-waived{color:var(--waived)}
            .t-notApplicable>td:first-child,.is-notApplicable{color:var(--na)}
            #filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start;margin:1rem 0}
            #filters[hidden]{display:none}
            fieldset{border:1px solid var(--line);border-radius:6px}
            label{display:block;white-space:nowrap}
            #shown{flex-basis:100%;margin:0;font-weight:bold}
            dt{font-weight:bold;margin-top:.5rem}
            dd p{margin:.2rem 0}
            .chart{max-width:52rem;display:block}
            .chart text{fill:var(--fg);font-size:13px}
            .chart .track{fill:var(--panel);stroke:var(--line)}
            .chart .good{fill:var(--pass)}.chart .fair{fill:var(--fair)}.chart .poor{fill:var(--fail)}
            .chart .bar-pass{fill:var(--pass)}.chart .bar-fail{fill:var(--fail)}.chart .bar-error{fill:var(--error)}
            .chart .bar-waived{fill:var(--waived)}.chart .bar-notApplicable{fill:var(--na)}
            .chart text.nodata{fill:var(--muted)}
            \(hideRules)
            @media print{body{margin:0;font-size:10pt}#filters,noscript{display:none}#findings section{content-visibility:visible}a{color:inherit;text-decoration:none}\
            tr,dt,dd,.chart{break-inside:avoid}th{background:none}}

            """
    }()

    /// Shows the filter form (hidden for readers without JavaScript), keeps per-section counts of rows
    /// by class so "Showing N of M" and empty sections need no walk over the rows after the first,
    /// and marks the page (`data-filters="ready"`, or `data-script-error`) so a headless browser can
    /// tell the script ran cleanly.
    static let script = """
        "use strict";
        (function () {
          var root = document.documentElement;
          window.addEventListener("error", function (event) {
            root.setAttribute("data-script-error", String(event.message));
          });
          var form = document.getElementById("filters");
          var findings = document.getElementById("findings");
          var shown = document.getElementById("shown");
          if (!form || !findings || !shown) { return; }
          var sections = Array.prototype.slice.call(findings.querySelectorAll("section[data-practice]"));
          var tallies = sections.map(function (section) {
            var counts = {};
            var rows = section.querySelectorAll("tbody tr");
            for (var i = 0; i < rows.length; i++) {
              counts[rows[i].className] = (counts[rows[i].className] || 0) + 1;
            }
            return counts;
          });
          function update() {
            var hidden = {};
            var classes = [];
            var boxes = form.querySelectorAll("input[type=checkbox]");
            for (var i = 0; i < boxes.length; i++) {
              if (!boxes[i].checked) {
                hidden[boxes[i].value] = true;
                classes.push("hide-" + boxes[i].value);
              }
            }
            findings.className = classes.join(" ");
            var visible = 0;
            var total = 0;
            sections.forEach(function (section, index) {
              var count = 0;
              Object.keys(tallies[index]).forEach(function (key) {
                total += tallies[index][key];
                var rowHidden = key.split(" ").some(function (name) { return hidden[name]; });
                if (!rowHidden) { count += tallies[index][key]; }
              });
              var practiceHidden = hidden["p" + section.getAttribute("data-practice")] === true;
              section.hidden = practiceHidden;
              var table = section.querySelector("table");
              if (table) { table.hidden = count === 0; }
              if (!practiceHidden) { visible += count; }
            });
            shown.textContent = "Showing " + visible + " of " + total + " results";
          }
          form.addEventListener("change", update);
          form.hidden = false;
          update();
          root.setAttribute("data-filters", "ready");
        })();

        """

    /// No source allowed but the two inline blocks above; `data:` images are not used either. Only
    /// directives a `<meta>` policy honours: the others (`frame-ancestors`) would log a console error.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src '\(sha256(style))'; script-src '\(sha256(script))'; "
        + "base-uri 'none'; form-action 'none'"

    private static func sha256(_ text: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
    }
}
