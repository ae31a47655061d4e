using Childctl.Sandbox.Hosting;

return await SandboxProgram.RunAsync(args);
