namespace Childctl.Sandbox.Api.Definitions;

/// <summary>A column of the Table format: an additionalPrinterColumn of a CRD, or one of a core kind's fixed columns.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description = "", int Priority = 0, string Format = "");
