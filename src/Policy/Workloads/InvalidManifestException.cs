namespace Shipshape.Policy.Workloads;

/// <summary>An object that claims a pod-carrying kind but cannot be read as one; the message says what is wrong.</summary>
public sealed class InvalidManifestException : Exception
{
    public InvalidManifestException(string message) : base(message)
    {
    }

    public InvalidManifestException(string message, Exception inner) : base(message, inner)
    {
    }

    public InvalidManifestException()
    {
    }
}
