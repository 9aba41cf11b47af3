namespace LeapMastery.Interop.Case;

/// <summary>Where an association's destination lives.</summary>
public enum CaseLinkTarget
{
    /// <summary>A CFItem of the same package.</summary>
    Item,

    /// <summary>The package's own CFDocument.</summary>
    Document,

    /// <summary>Anything else: another framework's item, a web page, a resource.</summary>
    External,
}
