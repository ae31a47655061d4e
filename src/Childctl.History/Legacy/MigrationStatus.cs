namespace Childctl.History.Legacy;

/// <summary>The outcome for one legacy cluster.</summary>
public enum MigrationStatus
{
    /// <summary>New events were appended (or would be, in a dry run).</summary>
    Imported,

    /// <summary>Everything was already in history: a repeated run.</summary>
    UpToDate,

    /// <summary>The files hold nothing to import (empty or never initialised); they are still backed up.</summary>
    Empty,

    /// <summary>Not imported (bad name, unreadable file); the files stay where they are.</summary>
    Skipped,
}
