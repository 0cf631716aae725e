import Foundation

/// The points progression as an SVG drawn on the server: one line per competitor (or team) through
/// their total after each round, the leaders of the table in colour with a legend, the others grey.
/// Each leader's point is focusable and shows its value on hover or focus; every line has a title.
enum ProgressionChart {
    /// How many of the table's leaders get a colour (Okabe–Ito's palette, readable by colour-blind readers).
    static let colours = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00"]
    static let width = 720.0, height = 340.0
    static let left = 44.0, right = 150.0, top = 14.0, bottom = 34.0

    static func render(_ view: SeasonView) -> HTML {
        guard view.progression.rounds.count >= 2, !view.progression.series.isEmpty, !view.isUnranked else { return "" }
        // With a comparison the rounds are both tables' (a cut may end earlier), and the other table's
        // lines of the leaders are drawn dashed in the same colours.
        let compared = view.comparison?.progression
        let rounds = Array(Set(view.progression.rounds + (compared?.rounds ?? []))).sorted()
        let progression = view.progression.aligned(to: rounds)
        let other = compared.map { $0.aligned(to: rounds) }
        let leaders = Array(progression.series.prefix(colours.count))
        let otherLeaders = leaders.map { leader in other?.series.first { $0.id == leader.id } }
        let values = (progression.series + otherLeaders.compactMap { $0 }).flatMap { $0.points.compactMap { $0 } }
        let maximum = max(values.max() ?? 0, 1)
        let minimum = min(values.min() ?? 0, 0)
        let step = niceStep((maximum - minimum) / 5)
        let yTop = (maximum / step).rounded(.up) * step
        let yBottom = (minimum / step).rounded(.down) * step
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = progression.rounds.count
        func x(_ index: Int) -> Double { left + plotWidth * Double(index) / Double(max(count - 1, 1)) }
        func y(_ value: Double) -> Double { top + plotHeight * (yTop - value) / max(yTop - yBottom, 1) }

        var grid: [HTML] = []
        var tick = yBottom
        while tick <= yTop + step / 2 {
            grid.append(
                "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(left + plotWidth))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\"></line>"
                    + "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(Format.points(tick))</text>")
            tick += step
        }
        let labelEvery = max(1, Int((Double(count) / 12).rounded(.up)))
        for (index, round) in progression.rounds.enumerated() where index % labelEvery == 0 || index == count - 1 {
            grid.append("<text class=\"axis\" x=\"\(n(x(index)))\" y=\"\(n(height - bottom + 16))\" text-anchor=\"middle\">\(round)</text>")
        }
        grid.append("<text class=\"axis\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 4))\" text-anchor=\"middle\">Round</text>")

        let others = progression.series.dropFirst(colours.count)
        var lines: [HTML] = others.map { series in
            "<polyline class=\"other\" points=\"\(points(series, x, y))\"><title>\(series.name): \(Format.points(series.points.last.flatMap { $0 } ?? 0)) points</title></polyline>"
        }
        if let label = view.comparison?.label {
            for (index, series) in otherLeaders.enumerated().reversed() {
                guard let series else { continue }
                let total = Format.points(series.points.last.flatMap { $0 } ?? 0)
                lines.append(
                    """
                    <polyline class="compared" stroke="\(colours[index])" points="\(points(series, x, y))"><title>\(series.name) \(label): \(total) points</title></polyline>
                    """)
            }
        }
        var labels: [HTML] = []
        var lastLabelY: [Double] = []
        for (index, series) in leaders.enumerated().reversed() {
            let colour = colours[index]
            var marks: [HTML] = []
            for (i, value) in series.points.enumerated() {
                guard let value else { continue }
                let text = "\(series.name): \(Format.points(value)) after round \(progression.rounds[i])"
                marks.append(
                    """
                    <g class="pt"><circle cx="\(n(x(i)))" cy="\(n(y(value)))" r="3.5" fill="\(colour)" tabindex="0" aria-label="\(text)"><title>\(text)</title></circle>\
                    <text class="val" x="\(n(x(i)))" y="\(n(y(value) - 8))" text-anchor="middle">\(Format.points(value))</text></g>
                    """)
            }
            lines.append(
                """
                <g class="leader" data-competitor="\(series.id)"><polyline stroke="\(colour)" points="\(points(series, x, y))"><title>\(series.name)</title></polyline>\(each: marks)</g>
                """)
        }
        // End labels in the table's order, each pushed below any it would overlap.
        for (index, series) in leaders.enumerated() {
            guard let lastIndex = series.points.lastIndex(where: { $0 != nil }), let value = series.points[lastIndex] else { continue }
            var labelY = y(value) + 4
            while lastLabelY.contains(where: { abs($0 - labelY) < 13 }) { labelY += 13 }
            lastLabelY.append(labelY)
            labels.append(
                "<text class=\"label\" x=\"\(n(x(lastIndex) + 8))\" y=\"\(n(labelY))\" fill=\"\(colours[index])\">\(short(series.name)) \(Format.points(value))</text>"
            )
        }
        let legend = leaders.enumerated().map { index, series -> HTML in
            "<li><span class=\"swatch\" data-colour=\"\(index)\"></span>\(series.name)</li>"
        }
        var description =
            "Points after each round, rounds \(progression.rounds.first ?? 0) to \(progression.rounds.last ?? 0); "
            + leaders.map { "\($0.name) \(Format.points($0.points.last.flatMap { $0 } ?? 0))" }.joined(separator: ", ")
        var key: HTML = "Leaders in colour (focus or hover a point for its value); the others in grey. The table above gives every round's points."
        if let comparison = view.comparison {
            let compared = zip(leaders, otherLeaders).compactMap { leader, other in
                other.map { "\(leader.name) \(Format.points($0.points.last.flatMap { $0 } ?? 0))" }
            }
            description += "; dashed, \(comparison.label): " + compared.joined(separator: ", ")
            key = "Solid lines: this table; dashed lines: the same leaders \(comparison.label). Focus or hover a point for its value."
        }
        return """
            <section aria-labelledby="chart-h" class="chart">
            <h2 id="chart-h">Points after each round</h2>
            <a class="skip-past" href="#chart-end">Skip the chart's \(leaders.reduce(0) { $0 + $1.points.compactMap { $0 }.count }) points</a>
            <figure>
            <div class="chart-wrap" role="region" aria-label="Points after each round (scrolls sideways)" tabindex="0">
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" aria-labelledby="chart-title chart-desc" class="progression">
            <title id="chart-title">Points progression</title>
            <desc id="chart-desc">\(description)</desc>
            \(each: grid)
            \(each: lines)
            \(each: labels)
            </svg>
            </div>
            <figcaption><ul class="legend">\(each: legend)</ul><p>\(key)</p></figcaption>
            </figure>
            <span id="chart-end" tabindex="-1"></span>
            </section>
            """
    }

    static func points(_ series: Progression.Series, _ x: (Int) -> Double, _ y: (Double) -> Double) -> String {
        series.points.enumerated().compactMap { i, value in value.map { "\(n(x(i))),\(n(y($0)))" } }.joined(separator: " ")
    }

    /// A family name for an end label: "Verstappen" of "Max Verstappen", "Sainz" of "Carlos Sainz Jr.".
    static func short(_ name: String) -> String {
        var parts = name.split(separator: " ")
        if parts.count > 2, let last = parts.last, last.hasSuffix(".") || ["II", "III"].contains(last) { parts.removeLast() }
        return parts.count > 1 ? parts.last.map(String.init) ?? name : name
    }

    /// 1, 2 or 5 times a power of ten.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow10((log10(raw)).rounded(.down))
        let fraction = raw / power
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
    }

    static func pow10(_ e: Double) -> Double {
        var value = 1.0
        if e >= 0 { for _ in 0..<Int(e) { value *= 10 } } else { for _ in 0..<Int(-e) { value /= 10 } }
        return value
    }

    /// A coordinate with one decimal: short markup.
    static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format10(tenths))
    }

    static func format10(_ tenths: Double) -> String {
        let whole = Int(tenths) / 10, fraction = abs(Int(tenths) % 10)
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }
}
