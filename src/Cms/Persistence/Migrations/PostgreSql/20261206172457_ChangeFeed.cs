using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Cms.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    [DbContext(typeof(PostgresCmsDbContext))]
    [Migration("20261206172457_ChangeFeed")]
    public partial class ChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cpChangeFeed",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: true),
                    Origin = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cpChangeFeed", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cpChangeFeed_CreatedUtc",
                table: "cpChangeFeed",
                column: "CreatedUtc");

            // Announces each committed insert to the nodes that LISTEN: NOTIFY is delivered on commit and never for a
            // rolled-back transaction, and notices with the same payload in one transaction are sent once.
            migrationBuilder.Sql("""
                CREATE FUNCTION cp_change_feed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('cp_change_feed', '');
                    RETURN NULL;
                END $$;
                CREATE TRIGGER cp_change_feed_notify AFTER INSERT ON "cpChangeFeed" FOR EACH STATEMENT EXECUTE FUNCTION cp_change_feed_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER cp_change_feed_notify ON \"cpChangeFeed\"; DROP FUNCTION cp_change_feed_notify();");
            migrationBuilder.DropTable(
                name: "cpChangeFeed");
        }
    }
}
