namespace Shipshape.Admission.Tests.Support;

/// <summary>One webhook process shared by the tests of a class: starting one takes about a second.</summary>
public sealed class AdmissionServerFixture : IAsyncLifetime
{
    private AdmissionServer? _server;

    public AdmissionServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await AdmissionServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
