using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Shipshape.LogArchiver.Hosting;

namespace Shipshape.LogArchiver.Archiving;

/// <summary>What archiving one segment did.</summary>
public sealed record ArchivedSegment(string Key, bool AlreadyPresent, long BytesIn, long BytesOut, long Lines);

/// <summary>
/// Archives one segment: gzip to a staging file, upload with Content-MD5 and the SHA-256 in the object's metadata,
/// check the stored object, and only then delete the segment. A segment whose object is already stored with the same
/// SHA-256 (an earlier run crashed between upload and delete) is not uploaded again: same key, no duplicate.
/// </summary>
public sealed class SegmentArchiver(IAmazonS3 s3, ArchiverSettings settings)
{
    public const string Sha256Metadata = "sha256";
    public const string LinesMetadata = "lines";
    public const string SourceBytesMetadata = "source-bytes";
    private const int BufferBytes = 128 * 1024;

    private readonly ArchiveOptions _options = settings.Archive;
    private readonly string _bucket = settings.Archive.Bucket!;

    public string KeyOf(Segment segment) => settings.Keys.KeyOf(segment);

    public async Task<ArchivedSegment> ArchiveAsync(Segment segment, CancellationToken cancellationToken)
    {
        var key = KeyOf(segment);
        var staged = Path.Combine(_options.ResolvedWorkDirectory, segment.Name + ".gz.partial");
        try
        {
            var compressed = Compress(segment, staged);
            var alreadyPresent = await IsStoredAsync(key, compressed, cancellationToken);
            if (!alreadyPresent)
            {
                await UploadAsync(key, staged, compressed, cancellationToken);
                await VerifyAsync(key, compressed, cancellationToken);
            }

            DeleteSegment(segment);
            return new ArchivedSegment(key, alreadyPresent, compressed.SourceBytes, alreadyPresent ? 0 : compressed.Bytes, compressed.Lines);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    private sealed record Compressed(long Bytes, string Sha256, string Md5Base64, long SourceBytes, long Lines);

    private Compressed Compress(Segment segment, string staged)
    {
        try
        {
            long sourceBytes = 0, lines = 0;
            using (var source = new FileStream(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan))
            using (var target = new FileStream(staged, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes))
            using (var gzip = new GZipStream(target, _options.CompressionLevel))
            {
                var buffer = new byte[BufferBytes];
                int read;
                while ((read = source.Read(buffer)) > 0)
                {
                    var chunk = buffer.AsSpan(0, read);
                    lines += chunk.Count((byte)'\n');
                    sourceBytes += read;
                    gzip.Write(chunk);
                }
            }

            // One pass over the compressed copy feeds both hashes.
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
#pragma warning disable CA5351 // Content-MD5 is what S3 checks the received body against; it is not used for security.
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
            using var written = new FileStream(staged, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var chunkBuffer = new byte[BufferBytes];
            int count;
            while ((count = written.Read(chunkBuffer)) > 0)
            {
                sha256.AppendData(chunkBuffer, 0, count);
                md5.AppendData(chunkBuffer, 0, count);
            }

            return new Compressed(written.Length, Convert.ToHexStringLower(sha256.GetHashAndReset()),
                Convert.ToBase64String(md5.GetHashAndReset()), sourceBytes, lines);
        }
        catch (Exception e) when (e is FileNotFoundException && !File.Exists(segment.Path))
        {
            throw new SegmentGoneException($"segment {segment.Name} is no longer in the directory");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SegmentFileException($"cannot read {segment.Path} or write {staged}", e);
        }
    }

    /// <summary>
    /// Whether the key holds exactly this content (size and SHA-256 metadata). A one-byte ranged GET rather than HEAD:
    /// a HEAD error has no body, so wrong credentials and a missing permission would both be a bare 403.
    /// </summary>
    private async Task<bool> IsStoredAsync(string key, Compressed compressed, CancellationToken cancellationToken)
    {
        try
        {
            using var head = await s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, ByteRange = new ByteRange(0, 0) }, cancellationToken);
            return StoredSize(head) == compressed.Bytes && head.Metadata[Sha256Metadata] == compressed.Sha256;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode == "NoSuchKey")
        {
            return false;
        }
    }

    /// <summary>The whole object's size, from <c>Content-Range: bytes 0-0/SIZE</c> of a ranged answer.</summary>
    private static long StoredSize(GetObjectResponse response) =>
        response.ContentRange is { } range && long.TryParse(range[(range.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var size)
            ? size
            : response.ContentLength;

    private async Task UploadAsync(string key, string staged, Compressed compressed, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            FilePath = staged,
            ContentType = "application/gzip",
            MD5Digest = compressed.Md5Base64,
            // Plain signed body: S3-compatible stores differ in how (or whether) they decode aws-chunked uploads.
            UseChunkEncoding = false,
        };
        request.Metadata.Add(Sha256Metadata, compressed.Sha256);
        request.Metadata.Add(LinesMetadata, compressed.Lines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Metadata.Add(SourceBytesMetadata, compressed.SourceBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await s3.PutObjectAsync(request, cancellationToken);
    }

    private async Task VerifyAsync(string key, Compressed compressed, CancellationToken cancellationToken)
    {
        if (_options.Verify == VerifyMode.Head)
        {
            if (!await IsStoredAsync(key, compressed, cancellationToken))
            {
                throw new StoredObjectMismatchException($"s3://{_bucket}/{key}: stored size or sha256 metadata differ from what was sent");
            }

            return;
        }

        using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
        await using var body = response.ResponseStream;
        var stored = Convert.ToHexStringLower(await SHA256.HashDataAsync(body, cancellationToken));
        if (stored != compressed.Sha256)
        {
            throw new StoredObjectMismatchException($"s3://{_bucket}/{key}: stored content has SHA-256 {stored}, sent {compressed.Sha256}");
        }
    }

    private static void DeleteSegment(Segment segment)
    {
        try
        {
            File.Delete(segment.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Archived but still here: the next pass finds the object stored and deletes again, uploading nothing.
            throw new SegmentFileException($"archived {segment.Name} but cannot delete it", e);
        }
    }
}
