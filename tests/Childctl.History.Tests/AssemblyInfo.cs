// The store's tests check Unix file modes, flock across processes and SIGKILL: they run on Linux (and macOS).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("macos")]
