namespace Shipshape.Echo.Api;

/// <summary>Why a query string was refused; each maps to one HTTP answer.</summary>
public enum QueryError
{
    None,
    TooLong,
    TooManyParameters,
    MalformedPercentEncoding,
    InvalidUtf8,
}
