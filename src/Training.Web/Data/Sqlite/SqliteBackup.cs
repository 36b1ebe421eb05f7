using Microsoft.Data.Sqlite;

namespace Training.Web.Data.Sqlite;

/// <summary>A consistent copy of a SQLite database taken while the site runs and writes (<c>db backup</c>).</summary>
public static class SqliteBackup
{
    /// <summary>The database file of <paramref name="connectionString"/>, or null when it does not exist.</summary>
    public static string? ExistingFile(string connectionString) =>
        SqliteDatabase.File(connectionString) is { } file && File.Exists(file) ? file : null;

    /// <summary>
    /// <c>VACUUM INTO</c> reads one snapshot (WAL lets writers go on meanwhile) and writes a compact file to
    /// <paramref name="target"/>. Returns null, or SQLite's reason when the copy could not be made.
    /// </summary>
    public static async Task<string?> CopyAsync(string connectionString, string target)
    {
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite };
        try
        {
            await using (var connection = new SqliteConnection(source.ToString()))
            {
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $file";
                vacuum.Parameters.AddWithValue("$file", target);
                vacuum.CommandTimeout = 0; // a large database takes minutes, and that is fine
                await vacuum.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
            return null;
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }
}
