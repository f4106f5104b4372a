using System.Globalization;
using System.Xml.Linq;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Qgis;

/// <summary>
/// QGIS styles (QML) of the ledger's layers: cases filled by status and outlined by kind, black-list zones by their card
/// colour, team areas and flights as outlines. Stored in the GeoPackage's <c>layer_styles</c> table, so that QGIS opens
/// the layers styled, and written into the report's project. Immutable, thread-safe.
/// </summary>
public static class LayerStyles
{
    /// <summary>The style name QGIS lists.</summary>
    public const string StyleName = "vigil";

    /// <summary>The QGIS version the QML declares; QGIS 3.x reads it.</summary>
    public const string QgisVersion = "3.28.0";

    /// <summary>Fill colours by status (R,G,B,A): open cases warm, closed ones green or grey, refused ones hollow.</summary>
    private static readonly Dictionary<string, string> StatusColors = new(StringComparer.Ordinal)
    {
        [CaseStatuses.Detected] = "255,165,0,150",
        [CaseStatuses.Confirmed] = "230,30,40,160",
        [CaseStatuses.Notified] = "200,40,160,160",
        [CaseStatuses.Scheduled] = "120,50,190,160",
        [CaseStatuses.Demolished] = "110,110,110,140",
        [CaseStatuses.VerifiedDemolished] = "40,160,70,140",
        [CaseStatuses.Rebuilt] = "120,0,0,200",
        [CaseStatuses.Rejected] = "200,200,200,0",
    };

    /// <summary>Outline styles by kind (QGIS pen styles).</summary>
    private static readonly Dictionary<string, string> KindOutlines = new(StringComparer.Ordinal)
    {
        [ViolationKinds.New] = "solid",
        [ViolationKinds.Expanded] = "dash",
        [ViolationKinds.KnownViolation] = "dot",
        [ViolationKinds.DemolishedCandidate] = "dash dot",
        [ViolationKinds.RooftopAddition] = "dash dot dot",
    };

    /// <summary>Every status and kind a case can have.</summary>
    private static readonly string[] Kinds =
        [ViolationKinds.New, ViolationKinds.Expanded, ViolationKinds.KnownViolation, ViolationKinds.DemolishedCandidate, ViolationKinds.RooftopAddition];

    /// <summary>The styled layers, each with its QML document.</summary>
    public static IReadOnlyList<(string Layer, string Description, XDocument Qml)> All =>
    [
        (LedgerSchema.Violations, "Cases: fill by status, outline by kind", Document(CaseRenderer())),
        (LedgerSchema.BlacklistZones, "Black-list zones by card colour", Document(ZoneRenderer())),
        (LedgerSchema.TeamAreas, "Team areas", Document(Outline("40,90,200,255", "dash", 0.6))),
        (LedgerSchema.Flights, "Ground covered by each flight", Document(Outline("0,150,200,255", "solid", 0.4))),
    ];

    /// <summary>The renderer of a layer (the <c>renderer-v2</c> element of its QML), for a project file.</summary>
    public static XElement Renderer(string layer) =>
        new(All.Single(s => s.Layer == layer).Qml.Root!.Element("renderer-v2")!);

    /// <summary>The rule-based renderer of cases: one rule per status and kind.</summary>
    private static XElement CaseRenderer()
    {
        var rules = new XElement("rules", new XAttribute("key", "root"));
        var symbols = new XElement("symbols");
        var index = 0;
        foreach (var status in CaseStatuses.All)
        {
            var group = new XElement("rule", new XAttribute("key", $"status-{status}"),
                new XAttribute("filter", $"\"status\" = '{status}'"), new XAttribute("label", status));
            foreach (var kind in Kinds)
            {
                var name = index.ToString(CultureInfo.InvariantCulture);
                group.Add(new XElement("rule", new XAttribute("key", $"{status}-{kind}"),
                    new XAttribute("filter", $"\"kind\" = '{kind}'"), new XAttribute("label", kind),
                    new XAttribute("symbol", name)));
                var color = StatusColors.GetValueOrDefault(status, "255,0,255,150");
                var outline = status == CaseStatuses.Rejected ? "150,150,150,255" : "20,20,20,255";
                symbols.Add(Fill(name, color, outline, KindOutlines[kind], 0.6));
                index++;
            }

            rules.Add(group);
        }

        return new XElement("renderer-v2", new XAttribute("type", "RuleRenderer"), new XAttribute("symbollevels", "0"),
            new XAttribute("enableorderby", "0"), new XAttribute("forceraster", "0"), rules, symbols);
    }

    /// <summary>Zones by the colour of their current card (the <c>card</c> column); without one, an outline.</summary>
    private static XElement ZoneRenderer()
    {
        var cards = new[] { (CardColors.Red, "220,20,30,110", "160,0,0,255"), (CardColors.Yellow, "250,210,0,110", "170,130,0,255") };
        var rules = new XElement("rules", new XAttribute("key", "root"));
        var symbols = new XElement("symbols");
        var index = 0;
        foreach (var (card, fill, outline) in cards)
        {
            var name = index++.ToString(CultureInfo.InvariantCulture);
            rules.Add(new XElement("rule", new XAttribute("key", card), new XAttribute("filter", $"\"card\" = '{card}'"),
                new XAttribute("label", $"{card} card"), new XAttribute("symbol", name)));
            symbols.Add(Fill(name, fill, outline, "solid", 0.8));
        }

        var none = index.ToString(CultureInfo.InvariantCulture);
        rules.Add(new XElement("rule", new XAttribute("key", "no-card"), new XAttribute("filter", "ELSE"),
            new XAttribute("label", "no card"), new XAttribute("symbol", none)));
        symbols.Add(Fill(none, "0,0,0,0", "90,90,90,255", "dash", 0.6));
        return new XElement("renderer-v2", new XAttribute("type", "RuleRenderer"), new XAttribute("symbollevels", "0"),
            new XAttribute("enableorderby", "0"), new XAttribute("forceraster", "0"), rules, symbols);
    }

    private static XElement Outline(string color, string style, double widthMm) =>
        new("renderer-v2", new XAttribute("type", "singleSymbol"), new XAttribute("symbollevels", "0"),
            new XAttribute("enableorderby", "0"), new XAttribute("forceraster", "0"),
            new XElement("symbols", Fill("0", "0,0,0,0", color, style, widthMm)));

    private static XElement Fill(string name, string color, string outline, string outlineStyle, double widthMm)
    {
        static XElement Option(string key, string value) =>
            new("Option", new XAttribute("name", key), new XAttribute("type", "QString"), new XAttribute("value", value));
        var width = widthMm.ToString(CultureInfo.InvariantCulture);
        return new XElement("symbol", new XAttribute("type", "fill"), new XAttribute("name", name), new XAttribute("alpha", "1"),
            new XAttribute("clip_to_extent", "1"), new XAttribute("force_rhr", "0"),
            new XElement("layer", new XAttribute("class", "SimpleFill"), new XAttribute("enabled", "1"),
                new XAttribute("locked", "0"), new XAttribute("pass", "0"),
                new XElement("Option", new XAttribute("type", "Map"),
                    Option("color", color), Option("style", "solid"), Option("outline_color", outline),
                    Option("outline_style", outlineStyle), Option("outline_width", width), Option("outline_width_unit", "MM"),
                    Option("joinstyle", "miter"))));
    }

    private static XDocument Document(XElement renderer) =>
        new(new XDocumentType("qgis", "http://mrcc.com/qgis.dtd", "SYSTEM", null),
            new XElement("qgis", new XAttribute("version", QgisVersion), new XAttribute("styleCategories", "Symbology"), renderer));
}
