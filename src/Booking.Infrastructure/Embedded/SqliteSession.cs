using Microsoft.Data.Sqlite;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// One open connection to the database and the commands it ran before, kept prepared: a command's SQL text is
/// compiled once per connection, then only its parameters change. Used by one caller at a time (see
/// <see cref="SqliteConnections"/>).
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    /// <summary>The command for <paramref name="sql"/> with no parameters set, in the current transaction if there is one.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
#pragma warning disable CA2100 // every statement is a constant of this folder; values are always parameters
            command.CommandText = sql;
#pragma warning restore CA2100
            _commands[sql] = command;
        }

        command.Parameters.Clear();
        command.Transaction = _transaction;
        return command;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction that takes the write lock at once (BEGIN IMMEDIATE), committed when it returns.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        if (_transaction is not null)
        {
            return work(); // already in the writer's group transaction, inside this write's own savepoint
        }

        _transaction = connection.BeginTransaction(deferred: false);
        try
        {
            var result = work();
            _transaction.Commit();
            return result;
        }
        finally
        {
            _transaction.Dispose();
            _transaction = null;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a savepoint of the current transaction, undone alone when it fails (its failure is kept for its caller).</summary>
    public void InSavepoint(SqliteConnections.Work work)
    {
        _transaction!.Save("write");
        try
        {
            work.Run(this, rethrow: true);
            _transaction.Release("write");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _transaction.Rollback("write");
            _transaction.Release("write");
        }
    }

    /// <summary>Runs a statement whose result is one row of integers (a pragma's answer) and returns them.</summary>
    public long[] Pragma(string sql)
    {
        using var reader = Command(sql).ExecuteReader();
        if (!reader.Read())
        {
            return [];
        }

        var values = new long[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? 0 : reader.GetInt64(i);
        }

        return values;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
