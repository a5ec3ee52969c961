namespace Shipshape.Policy.Policies;

/// <summary>A policies file that cannot be used; the message names the file, the line or policy, and what is wrong.</summary>
public sealed class PolicyFileException : Exception
{
    public PolicyFileException(string message) : base(message)
    {
    }

    public PolicyFileException(string message, Exception inner) : base(message, inner)
    {
    }

    public PolicyFileException()
    {
    }
}
