namespace Childctl.Sandbox.Storage;

/// <summary>What a write did: the object as it now is, and whether the write created it (for 201 vs 200).</summary>
internal sealed record WriteResult(StoredObject Object, bool Created);
